package main

// FerretDB v1.24.2's SQLite backend creates each collection's _id index on the expression
// `_ferretdb_sjson->"_id"` but looks documents up with `_ferretdb_sjson->'$._id'`. SQLite matches index
// expressions as written, so that index is never used: every find, update or delete by _id parses the JSON
// of every document in the collection (measured: a 100-document collection of 26 KB session snapshots cost
// FerretDB a whole core at 25 writes/s). This file adds, next to FerretDB's own index, one on the exact
// expression its lookups use. FerretDB does not know about it (listIndexes does not show it); SQLite keeps
// it up to date and drops it with its table.

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the same SQLite FerretDB embeds
)

const lookupIndexSuffix = "_tc_id_lookup"

// idIndexer adds the lookup index to every collection table of every database in dir, checking a database
// again whenever its files change (new collections appear at run time).
type idIndexer struct {
	dir    string
	logger *slog.Logger
	seen   map[string]time.Time // database file -> newest modification time of its files when last indexed
}

func newIDIndexer(dir string, logger *slog.Logger) *idIndexer {
	return &idIndexer{dir: dir, logger: logger, seen: map[string]time.Time{}}
}

// run checks the databases every interval until ctx ends.
func (x *idIndexer) run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		x.pass(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// pass indexes the databases that changed since the last pass; it returns how many indexes it created.
func (x *idIndexer) pass(ctx context.Context) int {
	files, err := filepath.Glob(filepath.Join(x.dir, "*.sqlite"))
	if err != nil {
		x.logger.Warn("id index: listing databases", "err", err)
		return 0
	}
	created := 0
	present := map[string]bool{}
	for _, f := range files {
		present[f] = true
		changed := newestModTime(f, f+"-wal")
		if last, ok := x.seen[f]; ok && !changed.After(last) {
			continue
		}
		n, err := indexDatabase(ctx, f)
		if err != nil {
			// A database being created or dropped right now: try again on the next pass.
			x.logger.Debug("id index: database skipped", "file", filepath.Base(f), "err", err)
			continue
		}
		created += n
		x.seen[f] = changed
		if n > 0 {
			x.logger.Info("id index: added lookup index", "file", filepath.Base(f), "indexes", n)
		}
	}
	for f := range x.seen {
		if !present[f] {
			delete(x.seen, f)
		}
	}
	return created
}

func newestModTime(paths ...string) time.Time {
	var newest time.Time
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && st.ModTime().After(newest) {
			newest = st.ModTime()
		}
	}
	return newest
}

// indexDatabase opens one database file (never kept open: FerretDB may drop and re-create it), and adds the
// lookup index to each collection table that lacks it.
func indexDatabase(ctx context.Context, file string) (int, error) {
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	rows, err := db.QueryContext(ctx, `SELECT c.table_name FROM _ferretdb_collections c
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_master m WHERE m.type = 'index' AND m.name = c.table_name || ?)
		AND EXISTS (SELECT 1 FROM sqlite_master t WHERE t.type = 'table' AND t.name = c.table_name)`,
		lookupIndexSuffix)
	if err != nil {
		return 0, err
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return 0, err
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}

	created := 0
	for _, t := range tables {
		stmt := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON %s (_ferretdb_sjson->'$._id')`,
			quoteIdent(t+lookupIndexSuffix), quoteIdent(t))
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			return created, err
		}
		created++
	}
	return created, nil
}

func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
