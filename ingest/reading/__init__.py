"""Reading a file into a table of text cells: what kind of file it is and how it is encoded (decode), CSV bodies
(csv_*), workbooks and their guards (xlsx*, office, ole2, xls_guard), and where the table sits in the sheet (layout,
header_rows). `table.read_table` is the one entry point. A new file format goes here; reading never judges a value."""
