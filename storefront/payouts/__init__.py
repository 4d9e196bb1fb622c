"""Money after the sale: refunds by administrators and sellers, payouts to sellers."""
