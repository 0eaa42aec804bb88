"""Record files: CSV, Excel (.xlsx) and Parquet readers and writers in the documented layouts."""
