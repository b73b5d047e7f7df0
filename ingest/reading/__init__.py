"""Reading a file into a table of text cells, in a child process (child): the formats in one list (formats: sniff,
guard, read, extensions; a new format is one module and one line there), what kind of file it is and how it is
encoded (decode), CSV (csv_*), workbooks and their guards (xlsx*, office, ole2, xls_guard), and where the table sits
in the sheet (layout, header_rows: in the parent). `table.read_table` is the one entry point; reading never judges
a value."""
