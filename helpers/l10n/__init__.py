"""Plain helpers for Persian digits and the councils' calendars; no Django models here."""
