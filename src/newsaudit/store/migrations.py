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
]
