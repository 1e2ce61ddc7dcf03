-- Permanent.org record table (fixture-schemas.md, "permanent"), in schema perm as the runbook writes it.
-- Only the columns the profile and the runbook use; the real table has many more (stela database/base.sql).
CREATE SCHEMA IF NOT EXISTS perm;
CREATE TABLE perm.record (
    recordid        bigserial PRIMARY KEY,
    archiveid       bigint,
    archivenbr      text UNIQUE,
    displayname     text,
    uploadfilename  text,
    size            bigint,
    type            text NOT NULL,
    status          text NOT NULL,
    uploadaccountid bigint,
    createddt       timestamptz DEFAULT CURRENT_TIMESTAMP,
    updateddt       timestamptz,
    processeddt     timestamptz
);
CREATE INDEX idx_19402_status ON perm.record (status);
CREATE INDEX idx_19402_processeddt ON perm.record (processeddt);
