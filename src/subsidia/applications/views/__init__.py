"""Pages of the applications app: organisations, the application form, files and the officers' lists."""
