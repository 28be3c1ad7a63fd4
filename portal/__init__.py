"""The public side of each council (above the domain apps)."""
