"""Sync agenda packages from OParl, FirstAgenda Publication, Mødemappe feeds and folders."""
