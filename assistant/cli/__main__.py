"""`python -m assistant.cli` runs the command line."""
from assistant.cli.main import main

main()
