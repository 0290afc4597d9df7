"""Hostile input and bad timing: servers, files, queries and kills meant to break the app."""
