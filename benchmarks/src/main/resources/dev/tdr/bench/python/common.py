"""Settings for the Python peers of `tdr bench`, from the same TDR_* environment TDR reads."""
import os
import re


def connect():
    """A psycopg2 connection to the endpoint of TDR_URL (jdbc:redshift://host:port/db?...)."""
    import psycopg2
    m = re.match(r"jdbc:redshift://([^:/?]+)(?::(\d+))?/([^?;]+)", os.environ["TDR_URL"])
    if not m:
        raise SystemExit("TDR_URL is not jdbc:redshift://host:port/db: " + os.environ["TDR_URL"])
    host, port, db = m.group(1), int(m.group(2) or 5439), m.group(3)
    return psycopg2.connect(host=host, port=port, dbname=db, user=os.environ["TDR_USER"],
                            password=os.environ["TDR_PASSWORD"], sslmode="disable")


def s3():
    """A boto3 S3 client for TDR_S3_ENDPOINT (path style), as TDR's own settings say."""
    import boto3
    from botocore.config import Config
    return boto3.client("s3", endpoint_url=os.environ.get("TDR_S3_ENDPOINT"),
                        region_name=os.environ.get("TDR_REGION", os.environ.get("AWS_REGION", "us-east-1")),
                        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID"),
                        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY"),
                        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 5}))
