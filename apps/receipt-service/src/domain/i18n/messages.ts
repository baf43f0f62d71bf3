import type { CostComponent, SessionStateName } from '../receipt';

/** Every text a page or the PDF shows, per language. Adding a language = one more object of this shape. */
export interface Messages {
  lang: string;
  brand: string;
  skipToContent: string;
  reference: string;
  liveTitle: string;
  liveLead: string;
  startingLead: string;
  stoppingLead: string;
  endedTitle: string;
  endedLead: string;
  notStartedLead: string;
  receiptTitle: string;
  notFoundTitle: string;
  notFoundBody: string;
  notFoundHint: string;
  tooManyTitle: string;
  tooManyBody: (seconds: number) => string;
  errorTitle: string;
  errorBody: string;
  figures: string;
  energy: string;
  duration: string;
  costSoFar: string;
  costFinal: string;
  limit: string;
  limitNote: (limit: string) => string;
  status: string;
  states: Record<SessionStateName, string>;
  updatedAt: (time: string) => string;
  liveUpdating: string;
  liveDisconnected: string;
  noscriptRefresh: string;
  charger: string;
  location: string;
  evse: string;
  connector: string;
  start: string;
  end: string;
  pendingHeading: string;
  pendingItems: { cdr: string; payment: string; invoice: string };
  pendingStates: { done: string; pending: string; failed: string };
  breakdownCaption: string;
  component: string;
  components: Record<CostComponent, string>;
  exclVat: string;
  vat: string;
  inclVat: string;
  vatRate: string;
  total: string;
  vatBreakdownCaption: string;
  invoiceLinesCaption: string;
  description: string;
  quantity: string;
  invoiceNumber: string;
  invoiceDate: string;
  seller: string;
  vatNumber: string;
  paymentHeading: string;
  downloadPdf: string;
  creditNoteNotice: (number: string) => string;
  hours: string;
  minutes: string;
  kwh: string;
  invoice: string;
}

const en: Messages = {
  lang: 'en',
  brand: 'tapcharge',
  skipToContent: 'Skip to content',
  reference: 'Reference',
  liveTitle: 'Charging in progress',
  liveLead: 'Your car is charging. The figures below update by themselves.',
  startingLead: 'The charger is starting. This usually takes a few seconds.',
  stoppingLead: 'Charging is stopping.',
  endedTitle: 'Charging finished',
  endedLead: 'Your receipt appears here as soon as the payment is settled.',
  notStartedLead: 'Charging did not start. Nothing is charged; the amount reserved on your card is released.',
  receiptTitle: 'Receipt',
  notFoundTitle: 'Receipt not found',
  notFoundBody: 'We could not find a charging session for this link.',
  notFoundHint:
    'Check that you scanned the QR code of your own session. A new session appears here a few seconds after charging starts.',
  tooManyTitle: 'Too many requests',
  tooManyBody: (s) => `Please wait ${s} seconds and try again.`,
  errorTitle: 'Something went wrong',
  errorBody: 'Please try again in a moment.',
  figures: 'Charging figures',
  energy: 'Energy',
  duration: 'Duration',
  costSoFar: 'Cost so far',
  costFinal: 'Cost',
  limit: 'Authorised amount',
  limitNote: (l) => `Charging stops automatically before the cost reaches ${l}.`,
  status: 'Status',
  states: {
    PENDING: 'Waiting for the charger',
    STARTING: 'Starting',
    ACTIVE: 'Charging',
    STOPPING: 'Stopping',
    COMPLETED: 'Finished',
    REJECTED: 'Not started',
    FAILED: 'Not started',
  },
  updatedAt: (t) => `Last update ${t}`,
  liveUpdating: 'Live',
  liveDisconnected: 'Connection lost, retrying…',
  noscriptRefresh: 'This page refreshes every 30 seconds.',
  charger: 'Charging session',
  location: 'Location',
  evse: 'Charge point',
  connector: 'Connector',
  start: 'Start',
  end: 'End',
  pendingHeading: 'What happens next',
  pendingItems: {
    cdr: 'Final charge record',
    payment: 'Card payment',
    invoice: 'Invoice',
  },
  pendingStates: { done: 'done', pending: 'pending', failed: 'failed' },
  breakdownCaption: 'Price per component',
  component: 'Component',
  components: {
    energy: 'Energy',
    time: 'Charging time',
    parking: 'Parking time',
    fixed: 'Session fee',
    reservation: 'Reservation',
  },
  exclVat: 'excl. VAT',
  vat: 'VAT',
  inclVat: 'incl. VAT',
  vatRate: 'VAT rate',
  total: 'Total',
  vatBreakdownCaption: 'VAT',
  invoiceLinesCaption: 'Invoice lines',
  description: 'Description',
  quantity: 'Quantity',
  invoiceNumber: 'Invoice number',
  invoiceDate: 'Invoice date',
  seller: 'Seller',
  vatNumber: 'VAT number',
  paymentHeading: 'Card payment',
  downloadPdf: 'Download invoice (PDF)',
  creditNoteNotice: (n) => `This invoice was cancelled by credit note ${n}.`,
  hours: 'h',
  minutes: 'min',
  kwh: 'kWh',
  invoice: 'Invoice',
};

const nl: Messages = {
  lang: 'nl',
  brand: 'tapcharge',
  skipToContent: 'Naar de inhoud',
  reference: 'Referentie',
  liveTitle: 'Bezig met laden',
  liveLead: 'Uw auto wordt geladen. De cijfers hieronder worden vanzelf bijgewerkt.',
  startingLead: 'De laadpaal start. Dit duurt meestal een paar seconden.',
  stoppingLead: 'Het laden wordt gestopt.',
  endedTitle: 'Laden beëindigd',
  endedLead: 'Uw bon verschijnt hier zodra de betaling is verwerkt.',
  notStartedLead:
    'Het laden is niet gestart. Er wordt niets afgeschreven; het gereserveerde bedrag op uw kaart komt vrij.',
  receiptTitle: 'Bon',
  notFoundTitle: 'Bon niet gevonden',
  notFoundBody: 'We konden geen laadsessie vinden bij deze link.',
  notFoundHint:
    'Controleer of u de QR-code van uw eigen sessie hebt gescand. Een nieuwe sessie verschijnt hier enkele seconden na de start.',
  tooManyTitle: 'Te veel verzoeken',
  tooManyBody: (s) => `Wacht ${s} seconden en probeer het opnieuw.`,
  errorTitle: 'Er ging iets mis',
  errorBody: 'Probeer het zo nog eens.',
  figures: 'Laadgegevens',
  energy: 'Energie',
  duration: 'Duur',
  costSoFar: 'Kosten tot nu toe',
  costFinal: 'Kosten',
  limit: 'Gereserveerd bedrag',
  limitNote: (l) => `Het laden stopt automatisch voordat de kosten ${l} bereiken.`,
  status: 'Status',
  states: {
    PENDING: 'Wachten op de laadpaal',
    STARTING: 'Starten',
    ACTIVE: 'Laden',
    STOPPING: 'Stoppen',
    COMPLETED: 'Beëindigd',
    REJECTED: 'Niet gestart',
    FAILED: 'Niet gestart',
  },
  updatedAt: (t) => `Bijgewerkt om ${t}`,
  liveUpdating: 'Live',
  liveDisconnected: 'Verbinding verbroken, opnieuw verbinden…',
  noscriptRefresh: 'Deze pagina ververst elke 30 seconden.',
  charger: 'Laadsessie',
  location: 'Locatie',
  evse: 'Laadpunt',
  connector: 'Aansluiting',
  start: 'Start',
  end: 'Einde',
  pendingHeading: 'Wat er nog gebeurt',
  pendingItems: {
    cdr: 'Definitief laadrecord',
    payment: 'Kaartbetaling',
    invoice: 'Factuur',
  },
  pendingStates: { done: 'gereed', pending: 'in behandeling', failed: 'mislukt' },
  breakdownCaption: 'Prijs per onderdeel',
  component: 'Onderdeel',
  components: {
    energy: 'Energie',
    time: 'Laadtijd',
    parking: 'Parkeertijd',
    fixed: 'Starttarief',
    reservation: 'Reservering',
  },
  exclVat: 'excl. btw',
  vat: 'btw',
  inclVat: 'incl. btw',
  vatRate: 'btw-tarief',
  total: 'Totaal',
  vatBreakdownCaption: 'btw',
  invoiceLinesCaption: 'Factuurregels',
  description: 'Omschrijving',
  quantity: 'Aantal',
  invoiceNumber: 'Factuurnummer',
  invoiceDate: 'Factuurdatum',
  seller: 'Verkoper',
  vatNumber: 'btw-nummer',
  paymentHeading: 'Kaartbetaling',
  downloadPdf: 'Factuur downloaden (pdf)',
  creditNoteNotice: (n) => `Deze factuur is geannuleerd met creditnota ${n}.`,
  hours: 'u',
  minutes: 'min',
  kwh: 'kWh',
  invoice: 'Factuur',
};

const de: Messages = {
  lang: 'de',
  brand: 'tapcharge',
  skipToContent: 'Zum Inhalt',
  reference: 'Referenz',
  liveTitle: 'Ladevorgang läuft',
  liveLead: 'Ihr Fahrzeug wird geladen. Die Werte unten aktualisieren sich von selbst.',
  startingLead: 'Die Ladestation startet. Das dauert meist nur wenige Sekunden.',
  stoppingLead: 'Der Ladevorgang wird beendet.',
  endedTitle: 'Ladevorgang beendet',
  endedLead: 'Ihr Beleg erscheint hier, sobald die Zahlung abgeschlossen ist.',
  notStartedLead:
    'Der Ladevorgang wurde nicht gestartet. Es wird nichts berechnet; der reservierte Betrag auf Ihrer Karte wird freigegeben.',
  receiptTitle: 'Beleg',
  notFoundTitle: 'Beleg nicht gefunden',
  notFoundBody: 'Zu diesem Link haben wir keinen Ladevorgang gefunden.',
  notFoundHint:
    'Bitte prüfen Sie, ob Sie den QR-Code Ihres eigenen Ladevorgangs gescannt haben. Ein neuer Ladevorgang erscheint hier wenige Sekunden nach dem Start.',
  tooManyTitle: 'Zu viele Anfragen',
  tooManyBody: (s) => `Bitte warten Sie ${s} Sekunden und versuchen Sie es erneut.`,
  errorTitle: 'Etwas ist schiefgelaufen',
  errorBody: 'Bitte versuchen Sie es gleich noch einmal.',
  figures: 'Ladedaten',
  energy: 'Energie',
  duration: 'Dauer',
  costSoFar: 'Bisherige Kosten',
  costFinal: 'Kosten',
  limit: 'Autorisierter Betrag',
  limitNote: (l) => `Der Ladevorgang endet automatisch, bevor die Kosten ${l} erreichen.`,
  status: 'Status',
  states: {
    PENDING: 'Warten auf die Ladestation',
    STARTING: 'Wird gestartet',
    ACTIVE: 'Lädt',
    STOPPING: 'Wird beendet',
    COMPLETED: 'Beendet',
    REJECTED: 'Nicht gestartet',
    FAILED: 'Nicht gestartet',
  },
  updatedAt: (t) => `Zuletzt aktualisiert ${t}`,
  liveUpdating: 'Live',
  liveDisconnected: 'Verbindung unterbrochen, neuer Versuch…',
  noscriptRefresh: 'Diese Seite lädt alle 30 Sekunden neu.',
  charger: 'Ladevorgang',
  location: 'Standort',
  evse: 'Ladepunkt',
  connector: 'Anschluss',
  start: 'Beginn',
  end: 'Ende',
  pendingHeading: 'Wie es weitergeht',
  pendingItems: {
    cdr: 'Abschließender Ladedatensatz',
    payment: 'Kartenzahlung',
    invoice: 'Rechnung',
  },
  pendingStates: { done: 'erledigt', pending: 'ausstehend', failed: 'fehlgeschlagen' },
  breakdownCaption: 'Preis nach Bestandteil',
  component: 'Bestandteil',
  components: {
    energy: 'Energie',
    time: 'Ladezeit',
    parking: 'Standzeit',
    fixed: 'Grundgebühr',
    reservation: 'Reservierung',
  },
  exclVat: 'netto',
  vat: 'MwSt.',
  inclVat: 'brutto',
  vatRate: 'MwSt.-Satz',
  total: 'Gesamt',
  vatBreakdownCaption: 'MwSt.',
  invoiceLinesCaption: 'Rechnungspositionen',
  description: 'Beschreibung',
  quantity: 'Menge',
  invoiceNumber: 'Rechnungsnummer',
  invoiceDate: 'Rechnungsdatum',
  seller: 'Verkäufer',
  vatNumber: 'USt-IdNr.',
  paymentHeading: 'Kartenzahlung',
  downloadPdf: 'Rechnung herunterladen (PDF)',
  creditNoteNotice: (n) => `Diese Rechnung wurde mit der Gutschrift ${n} storniert.`,
  hours: 'Std.',
  minutes: 'Min.',
  kwh: 'kWh',
  invoice: 'Rechnung',
};

export const MESSAGES: Readonly<Record<string, Messages>> = { en, nl, de };
export const SUPPORTED_LANGUAGES = Object.keys(MESSAGES);
export const DEFAULT_LANGUAGE = 'en';
