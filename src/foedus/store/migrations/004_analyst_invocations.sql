-- Version 4: invocations recorded by an analyst.
--
-- analyst_invocations: an invocation the news on file does not show (or shows too vaguely for the rules), entered
--   by hand with `foedus ledger add`. The ledger judges it like any other (trigger, guarantors, responses), marks
--   it side 'analyst', and keeps it through every re-run and recode: the coded events are rebuilt, this table is
--   not. Keyed by the same stable key as computed invocations (treaty:article:invoked_by:date), so an override
--   can be attached to it.

CREATE TABLE IF NOT EXISTS analyst_invocations (
    invocation_key  VARCHAR PRIMARY KEY,
    treaty_id       VARCHAR NOT NULL,
    article         VARCHAR NOT NULL,
    invoked_by      VARCHAR NOT NULL,
    beneficiary     VARCHAR,
    date            DATE NOT NULL,
    date_precision  VARCHAR NOT NULL,
    note            VARCHAR NOT NULL,
    author          VARCHAR NOT NULL,
    created_at      TIMESTAMP NOT NULL
);
