/* An engaged session: an OTT app, and either finished or watched for at least ten minutes. */
{{ ott_app }} AND (completed OR seconds_watched >= 600)
