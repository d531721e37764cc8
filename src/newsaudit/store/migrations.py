"""Schema migrations, applied in order, each once. Append; never edit a shipped one."""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE reports (
            id VARCHAR PRIMARY KEY,
            content_hash VARCHAR NOT NULL,
            created TIMESTAMP,
            stored TIMESTAMP DEFAULT current_timestamp,
            title VARCHAR,
            url VARCHAR,
            site VARCHAR,
            published VARCHAR,
            input_kind VARCHAR,
            origin VARCHAR,
            n_words INTEGER,
            n_sources INTEGER,
            n_anonymous INTEGER,
            n_quotes INTEGER,
            n_comments INTEGER,
            outruns_sourcing BOOLEAN,
            report VARCHAR NOT NULL
        );
        CREATE TABLE sources (
            report_id VARCHAR, id VARCHAR, name VARCHAR, label VARCHAR, anonymous BOOLEAN,
            role VARCHAR, n_mentions INTEGER, n_quotes INTEGER
        );
        CREATE TABLE quotes (
            report_id VARCHAR, id VARCHAR, text VARCHAR, type VARCHAR, source_id VARCHAR,
            source_name VARCHAR, anonymous BOOLEAN, cue VARCHAR, start_char INTEGER, end_char INTEGER
        );
        CREATE TABLE statements (
            report_id VARCHAR, idx INTEGER, text VARCHAR, certainty VARCHAR, cues VARCHAR[],
            source_ids VARCHAR[], anonymous_only BOOLEAN, start_char INTEGER, end_char INTEGER
        );
        CREATE TABLE timeline (
            report_id VARCHAR, idx INTEGER, date VARCHAR, granularity VARCHAR, text VARCHAR,
            sentence VARCHAR, start_char INTEGER, end_char INTEGER
        );
        CREATE TABLE figures (
            report_id VARCHAR, idx INTEGER, text VARCHAR, value DOUBLE, value_max DOUBLE, unit VARCHAR,
            kind VARCHAR, approximate BOOLEAN, source_id VARCHAR, source_name VARCHAR,
            start_char INTEGER, end_char INTEGER
        );
        CREATE TABLE comments (
            report_id VARCHAR, id VARCHAR, author VARCHAR, text VARCHAR, parent_id VARCHAR,
            parent_inferred BOOLEAN, posted VARCHAR, stance VARCHAR, uncivil BOOLEAN,
            civility_score DOUBLE, on_topic BOOLEAN
        );
        CREATE TABLE failures (
            origin VARCHAR PRIMARY KEY, error VARCHAR, failed_at TIMESTAMP DEFAULT current_timestamp
        );
        """,
    ),
    # 2: what batch runs and corpus queries need.
    # - report_origins maps every input seen (file path, URL, JSONL line) to the report made from it, so a
    #   resumed batch skips by origin without reading the file, and a duplicate page under a second origin
    #   is remembered without storing its report twice.
    # - the headline claim and the reason it outruns its sourcing become columns, so `query outruns` does
    #   not parse every stored report's JSON.
    # - failures say at which step an item failed.
    (
        2,
        """
        CREATE TABLE report_origins (
            origin VARCHAR PRIMARY KEY, report_id VARCHAR NOT NULL, content_hash VARCHAR,
            seen TIMESTAMP DEFAULT current_timestamp
        );
        INSERT INTO report_origins (origin, report_id, content_hash)
            SELECT origin, arg_max(id, stored), arg_max(content_hash, stored) FROM reports
            WHERE origin IS NOT NULL GROUP BY origin;
        ALTER TABLE reports ADD COLUMN headline_claim VARCHAR;
        ALTER TABLE reports ADD COLUMN headline_reason VARCHAR;
        UPDATE reports SET
            headline_claim = json_extract_string(report, '$.headline.claim'),
            headline_reason = json_extract_string(report, '$.headline.reason');
        ALTER TABLE failures ADD COLUMN step VARCHAR;
        """,
    ),
]
