"""Other tools' files: tables and spreadsheets, Label Studio."""
