"""What every layer shares: unit types, settings, errors and the text catalogue."""
