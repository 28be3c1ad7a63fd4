"""The signed-in dashboards (above the domain apps)."""
