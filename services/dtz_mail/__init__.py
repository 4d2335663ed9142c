"""What delivery (dtz_send) and the subscription service (dtz_subscribe) share, mail basics without policy:
``tokens`` (addresses and the signed token format), ``mailer`` (one SMTP connection and what its errors mean).
Both import these modules, so neither imports the other for them (dtz_send reads the subscription
database through dtz_subscribe, one way)."""
