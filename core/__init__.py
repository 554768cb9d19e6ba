"""The bottom floor: what every app uses (roles, access, errors, settings readers, forms,
pagination, spreadsheets, open data serving, file imports). It imports no app of its own."""
