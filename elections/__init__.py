"""Election-period neutrality (a domain app)."""
