"""What the pages share: cached store access, view state in the URL, formats and figures."""
