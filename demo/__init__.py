"""Builders of demo and load-test data. Above every product app; nothing imports it."""
