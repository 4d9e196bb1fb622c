"""The demo site of `make run`: a generated catalogue, demo accounts, the serve command."""
