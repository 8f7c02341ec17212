from storyline.cli.main import app

app(prog_name="storyline")
