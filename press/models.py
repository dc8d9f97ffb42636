"""Newsroom models (press releases and news)."""
