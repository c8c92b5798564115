"""The jobs that drive the data path: ingest, recode. They join the stages to the store."""
