-- The example study's tables (examples/Nxp2Jdm/data/*.csv) with the types its .study declares:
-- text for ids and categories, double precision for numbers, integer for integers, boolean for bools.
-- Run by scripts/engines.sh as the user 'protocollang'.
\set ON_ERROR_STOP on
DROP TABLE IF EXISTS clinic.visits;
DROP TABLE IF EXISTS public.subjects;
CREATE SCHEMA IF NOT EXISTS clinic;

CREATE TABLE public.subjects (
  id text PRIMARY KEY,
  antibody text,
  onset text NOT NULL,
  age double precision NOT NULL,
  sex text NOT NULL,
  ck double precision NOT NULL,
  cmas double precision,
  mas boolean NOT NULL,
  myocardial boolean NOT NULL,
  dysphagia boolean NOT NULL,
  calcinosis boolean NOT NULL,
  relapse_months double precision,
  relapsed boolean NOT NULL
);

CREATE TABLE clinic.visits (
  id text NOT NULL REFERENCES public.subjects (id),
  month integer NOT NULL,
  ck double precision NOT NULL,
  cmas double precision,
  il10 double precision NOT NULL,
  ifng double precision NOT NULL
);

-- The rows are loaded by scripts/engines.sh after this file (COPY ... FROM STDIN, the CSVs read by psql),
-- so the server needs no access to the repository.
