package main

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
)

// A database laid out as FerretDB v1.24.2 lays it out: the collections table, one collection table and the
// _id index FerretDB creates (on an expression its lookups do not use).
func ferretLikeDatabase(t *testing.T, dir, name string) string {
	t.Helper()
	file := filepath.Join(dir, name+".sqlite")
	db, err := sql.Open("sqlite", "file:"+file)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, stmt := range []string{
		`CREATE TABLE "_ferretdb_collections" (name TEXT NOT NULL UNIQUE, table_name TEXT NOT NULL UNIQUE, settings TEXT NOT NULL) STRICT`,
		`INSERT INTO _ferretdb_collections VALUES ('sessions', 'sessions_1234abcd', '{}')`,
		`CREATE TABLE "sessions_1234abcd" (_ferretdb_sjson TEXT NOT NULL) STRICT`,
		`CREATE UNIQUE INDEX "sessions_1234abcd__id_" ON "sessions_1234abcd" (_ferretdb_sjson->"_id")`,
		`INSERT INTO sessions_1234abcd VALUES ('{"_id":"a","v":1}'), ('{"_id":"b","v":2}')`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	return file
}

// FerretDB's lookup, as it sends it to SQLite.
const lookup = `SELECT _ferretdb_sjson FROM "sessions_1234abcd" WHERE _ferretdb_sjson->'$._id' = ?`

func plan(t *testing.T, file string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+file)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`EXPLAIN QUERY PLAN `+lookup, `"a"`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var steps []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		steps = append(steps, detail)
	}
	return strings.Join(steps, "; ")
}

func TestLookupByIDScansWithoutOurIndexAndSearchesWithIt(t *testing.T) {
	dir := t.TempDir()
	file := ferretLikeDatabase(t, dir, "svc_db")

	if got := plan(t, file); !strings.Contains(got, "SCAN") {
		t.Fatalf("expected FerretDB's own index to go unused (a scan), plan: %s", got)
	}

	x := newIDIndexer(dir, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if n := x.pass(context.Background()); n != 1 {
		t.Fatalf("created %d indexes, want 1", n)
	}
	got := plan(t, file)
	if !strings.Contains(got, "USING INDEX sessions_1234abcd"+lookupIndexSuffix) {
		t.Fatalf("lookup by _id does not use the new index, plan: %s", got)
	}

	// Unchanged files are not opened again; a second pass creates nothing.
	if n := x.pass(context.Background()); n != 0 {
		t.Fatalf("second pass created %d indexes, want 0", n)
	}

	// The lookup still finds the document.
	db, err := sql.Open("sqlite", "file:"+file)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var doc string
	if err := db.QueryRow(lookup, `"b"`).Scan(&doc); err != nil || !strings.Contains(doc, `"v":2`) {
		t.Fatalf("lookup returned %q, %v", doc, err)
	}
}

func TestSkipsFilesThatAreNotFerretDBDatabases(t *testing.T) {
	dir := t.TempDir()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "other.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE t (x)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	x := newIDIndexer(dir, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if n := x.pass(context.Background()); n != 0 {
		t.Fatalf("created %d indexes in a non-FerretDB database", n)
	}
}
