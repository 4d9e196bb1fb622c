"""The export agency's area: programmes, export reports with charts, trade documents."""
