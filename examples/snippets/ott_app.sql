-- Sessions in our OTT apps: connected TVs and streaming sticks (not phones, web or consoles).
app IN ('roku', 'firetv', 'androidtv', 'samsung_tv', 'lg_tv', 'vizio')
