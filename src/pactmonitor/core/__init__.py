"""What every app shares, below the apps: it imports no Pactmonitor app."""
