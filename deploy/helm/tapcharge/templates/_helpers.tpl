{{/* Chart name, trimmed. */}}
{{- define "tapcharge.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-wide prefix: the release name, or <release>-tapcharge. */}}
{{- define "tapcharge.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one app's objects: <fullname>-<app>. Call with (dict "root" $ "name" "ocpi-gateway"). */}}
{{- define "tapcharge.appFullname" -}}
{{- printf "%s-%s" (include "tapcharge.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tapcharge.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tapcharge.commonLabels" -}}
helm.sh/chart: {{ include "tapcharge.chart" . }}
app.kubernetes.io/part-of: {{ include "tapcharge.name" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Labels of release-wide objects (ConfigMap, Secret, ServiceAccount). */}}
{{- define "tapcharge.labels" -}}
{{ include "tapcharge.commonLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of one app's objects (dict "root" $ "name" <app>). */}}
{{- define "tapcharge.appLabels" -}}
{{ include "tapcharge.commonLabels" .root }}
{{ include "tapcharge.appSelectorLabels" . }}
{{- end -}}

{{- define "tapcharge.appSelectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* One app's effective values: chart-wide defaults deep-merged with apps.<name> (app wins). */}}
{{- define "tapcharge.appValues" -}}
{{- $app := index .root.Values.apps .name -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy $app)) -}}
{{- end -}}

{{- define "tapcharge.image" -}}
{{- $img := .root.Values.image -}}
{{- $tag := default .root.Chart.AppVersion $img.tag -}}
{{- if $img.registry -}}
{{- printf "%s/%s/%s:%s" $img.registry $img.repository .name $tag -}}
{{- else -}}
{{- printf "%s/%s:%s" $img.repository .name $tag -}}
{{- end -}}
{{- end -}}

{{- define "tapcharge.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "tapcharge.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Secret and key holding ADMIN_TOKEN / MONGO_URL (the chart's own or an existing one). */}}
{{- define "tapcharge.secretName" -}}
{{- printf "%s-secrets" (include "tapcharge.fullname" .) -}}
{{- end -}}

{{- define "tapcharge.adminTokenSecret" -}}
{{- default (include "tapcharge.secretName" .) .Values.adminToken.existingSecret -}}
{{- end -}}
{{- define "tapcharge.adminTokenKey" -}}
{{- if .Values.adminToken.existingSecret -}}{{ .Values.adminToken.existingSecretKey }}{{- else -}}admin-token{{- end -}}
{{- end -}}
{{- define "tapcharge.mongoSecret" -}}
{{- default (include "tapcharge.secretName" .) .Values.mongodb.existingSecret -}}
{{- end -}}
{{- define "tapcharge.mongoKey" -}}
{{- if .Values.mongodb.existingSecret -}}{{ .Values.mongodb.existingSecretKey }}{{- else -}}mongo-url{{- end -}}
{{- end -}}

{{/* Fails the render when a secret has neither a value nor an existing Secret (no defaults for secrets). */}}
{{- define "tapcharge.validate" -}}
{{- if and (not .Values.adminToken.existingSecret) (not .Values.adminToken.value) -}}
{{- fail "adminToken: set adminToken.value (>= 16 characters) or adminToken.existingSecret; secrets have no defaults" -}}
{{- end -}}
{{- if and (not .Values.mongodb.existingSecret) (not .Values.mongodb.url) -}}
{{- fail "mongodb: set mongodb.url or mongodb.existingSecret (the chart does not run MongoDB)" -}}
{{- end -}}
{{- if and (not .Values.seed.demo) (not .Values.seed.locationsConfigMap) -}}
{{- fail "seed.locationsConfigMap is required unless seed.demo is true (the OCPI gateway publishes the Locations of that file; billing puts them on CDRs)" -}}
{{- end -}}
{{- if not .Values.kafka.brokers -}}
{{- fail "kafka.brokers is required (the chart does not run Kafka)" -}}
{{- end -}}
{{- end -}}
