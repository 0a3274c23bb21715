// Placeholder entry for the `latent` command-line tool (filled in by the CLI work).
process.stdout.write('latent: no commands yet\n');
