package dev.telemetryagent.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The redaction corpus: texts that must be redacted (with the exact expected output, so a test also
 * shows what stays readable) and texts that must stay as they are. Grouped by pattern family.
 */
class RedactorCorpusTest {
    private static final Redactor REDACTOR =
            new Redactor(new MachineIdentity("alicewonder", "buildbox-7.corp.example.com"));

    /** {family, input, expected}. */
    static final String[][] MUST_REDACT = {
        // POSIX paths, home directories, ~
        {"path", "cannot open /var/data/bad.csv: permission denied", "cannot open <path>: permission denied"},
        {"path", "cannot open /home/alice/data/x.csv", "cannot open <path>"},
        {"path", "/Users/jdoe/Library/Caches/app.db locked", "<path> locked"},
        {"path", "/Users/Jane Doe/Library/x.txt is gone", "<path> is gone"},
        {"path", "read '/etc/passwd' failed", "read '<path>' failed"},
        {"path", "file=/tmp/upload-3.bin", "file=<path>"},
        {"path", "IOException:/srv/app/data", "IOException:<path>"},
        {"path", "see (/opt/acme/conf/app.toml)", "see (<path>)"},
        {"path", "~/x is missing", "<path> is missing"},
        {"path", "~alice/.bashrc unreadable", "<path> unreadable"},
        {"path", "wrote ./out/report.csv", "wrote <path>"},
        {"path", "wrote ../shared/report.csv", "wrote <path>"},
        {"path", "missing data/customers/2024.csv", "missing <path>"},
        {"path", "missing exports/bob.csv", "missing <path>"},
        {"path", "root //server/share/x", "root <path>"},
        // Windows paths, UNC
        {"windows", "C:\\Users\\Bob Smith\\Documents\\report.xlsx not found", "<path> not found"},
        {"windows", "Path C:/Program Files/App/app.exe", "Path <path>"},
        {"windows", "drive D:\\data empty", "drive <path> empty"},
        {"windows", "\\\\fileserver\\share\\x.txt missing", "<path> missing"},
        {"windows", "long \\\\?\\C:\\very\\long", "long <path>"},
        {"windows", "account CORP\\jsmith locked", "account <path> locked"},
        {"windows", "%APPDATA%\\acme\\cfg.ini corrupt", "<path> corrupt"},
        // file: and other URIs without //
        {"file-uri", "load file:/home/bob/x.jar failed", "load <url> failed"},
        {"file-uri", "load file:///C:/Users/bob/x.jar failed", "load <url> failed"},
        {"file-uri", "jar:file:/opt/app.jar!/META-INF/x", "<url>"},
        {"file-uri", "mailto:carol@example.org bounced", "<url> bounced"},
        // URLs of any scheme, with or without credentials
        {"url", "GET https://api.example.com/v1/items?token=abc123 failed", "GET <url> failed"},
        {"url", "redirect to http://10.1.2.3:8080/login.", "redirect to <url>."},
        {"url", "s3://my-bucket/prefix/file.parquet not found", "<url> not found"},
        {"url", "gs://bucket/x and hdfs://namenode:8020/data", "<url> and <url>"},
        {"url", "(see https://example.com/a_(b))", "(see <url>)"},
        {"url", "ftp://ftp.example.net/pub", "<url>"},
        {"url", "ws://127.0.0.1:9000/socket closed", "<url> closed"},
        {"url", "sftp://deploy@files.acme.io/in", "<url>"},
        {"url", "\"https://x.example.com/a\"", "\"<url>\""},
        // connection strings
        {"connection", "postgres://etl:Hunter2Secret@db-prod-7.internal.acme.io:5432/warehouse down",
            "<url> down"},
        {"connection", "mongodb+srv://admin:pw@cluster0.abcde.mongodb.net/test?retryWrites=true", "<url>"},
        {"connection", "redis://:s3cr3t@cache:6379/0", "<url>"},
        {"connection", "jdbc:mysql://10.20.30.40:3306/sales?user=sa&password=Qwerty12345 refused",
            "<url> refused"},
        {"connection", "jdbc:oracle:thin:scott/tiger@//dbhost:1521/ORCL", "<url>"},
        {"connection", "jdbc:sqlserver://db;user=sa;password=x", "<secret>"},
        {"connection", "Server=tcp:myserver.database.windows.net,1433;User ID=sqladmin;Password=P4ss;", "<secret>"},
        {"connection", "Data Source=prod-sql-01;Initial Catalog=Sales", "Data Source=<host>;Initial Catalog=Sales"},
        {"connection", "amqp://guest:guest@rabbit.acme.io:5672/vhost", "<url>"},
        {"connection", "user:pass@db.example.com refused", "<url> refused"},
        {"connection", "git@github.com:acme/repo.git push failed", "<url> push failed"},
        // host names and FQDNs
        {"host", "HTTP 503 from api.github.com", "HTTP 503 from <host>"},
        {"host", "cannot resolve db-prod-7.internal.acme.io", "cannot resolve <host>"},
        {"host", "unknown host ip-10-0-0-1.ec2.internal", "unknown host <host>"},
        {"host", "broker kafka-0.kafka-headless.default.svc.cluster.local:9092 gone", "broker <host> gone"},
        {"host", "redis error at redis.internal:6379", "redis error at <host>"},
        {"host", "printer.local offline", "<host> offline"},
        {"host", "EXAMPLE.COM realm", "<host> realm"},
        {"host", "mirror www.example.de down", "mirror <host> down"},
        {"host", "connect db01:5432 timed out", "connect <host> timed out"},
        {"host", "cache-2:11211 refused", "<host> refused"},
        {"host", "example.com/api/v1 failed", "<url> failed"},
        {"host", "host=db01 port=5432", "host=<host> port=5432"},
        {"host", "bootstrap.servers=broker-1.acme.io:9092", "bootstrap.servers=<host>"},
        {"host", "dbHost=prod7 unreachable", "dbHost=<host> unreachable"},
        // IPv4, IPv6, MAC
        {"ipv4", "connect to 192.168.77.12 failed", "connect to <ip> failed"},
        {"ipv4", "connect to 192.168.77.12:8080 failed", "connect to <ip> failed"},
        {"ipv4", "subnet 10.0.0.0/16 full", "subnet <ip> full"},
        {"ipv4", "peer=172.16.0.5", "peer=<ip>"},
        {"ipv4", "loopback 127.0.0.1.", "loopback <ip>."},
        {"ipv6", "connect [2001:db8:85a3::8a2e:370:7334]:443", "connect [<ip>]:443"},
        {"ipv6", "via ::1 and fe80::1%eth0", "via <ip> and <ip>"},
        {"ipv6", "addr 2001:0db8:0000:0000:0000:ff00:0042:8329 up", "addr <ip> up"},
        {"ipv6", "mapped ::ffff:192.0.2.128 ok", "mapped <ip> ok"},
        {"mac", "mac 00:1a:2b:3c:4d:5e down", "mac <secret> down"},
        {"mac", "nic 00-1A-2B-3C-4D-5E", "nic <secret>"},
        // e-mail addresses
        {"email", "failed for bob@example.com", "failed for <email>"},
        {"email", "notify carol.danvers+etl@mail.example.org.", "notify <email>."},
        {"email", "<dave@acme.io> rejected", "<<email>> rejected"},
        {"email", "user O'Neil@example.ie", "user O'<email>"},
        {"email", "local bob@buildhost", "local <email>"},
        // this machine's user and host name
        {"identity", "user alicewonder has no access", "user <user> has no access"},
        {"identity", "ALICEWONDER's quota", "<user>'s quota"},
        {"identity", "report_alicewonder_final", "<user>"},
        {"identity", "running on buildbox-7", "running on <host>"},
        {"identity", "running on buildbox-7.corp.example.com", "running on <host>"},
        // Authorization values
        {"auth", "Authorization: Bearer abcDEF123456ghiJKL789 rejected", "Authorization: Bearer <secret> rejected"},
        {"auth", "Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic <secret>"},
        {"auth", "header authorization=Token 9f8e7d6c5b4a", "header authorization=Token <secret>"},
        {"auth", "Proxy-Authorization: Digest abc123", "Proxy-Authorization: Digest <secret>"},
        {"auth", "sent Bearer ya29.a0AfH6SMBx-token", "sent Bearer <secret>"},
        {"auth", "sent basic dXNlcjpwYXNz", "sent basic <secret>"},
        {"auth", "{\"Authorization\": \"Bearer abc.def-123\"}", "{\"Authorization\": \"Bearer <secret>\"}"},
        // key=value and "key": "value" pairs naming a secret
        {"pair", "password=CorrectHorseBattery9 retries=3", "password=<secret> retries=3"},
        {"pair", "passwd: hunter2", "passwd: <secret>"},
        {"pair", "db.password = 'pa ss'", "db.password = '<secret>'"},
        {"pair", "{\"password\": \"hunter2\", \"username\": \"carol\"}",
            "{\"password\": \"<secret>\", \"username\": \"<user>\"}"},
        {"pair", "{\"api_key\":\"zzz\",\"count\":3}", "{\"api_key\":\"<secret>\",\"count\":3}"},
        {"pair", "apiKey=abc retries=2", "apiKey=<secret> retries=2"},
        {"pair", "X-Api-Key: abcdef", "X-Api-Key: <secret>"},
        {"pair", "client_secret=s3cr3t&grant_type=x", "client_secret=<secret>&grant_type=x"},
        {"pair", "access_token => 'abc'", "access_token => '<secret>'"},
        {"pair", "private_key: xyz", "private_key: <secret>"},
        {"pair", "aws_secret_access_key=abc/def", "aws_secret_access_key=<secret>"},
        {"pair", "credentials:abc", "credentials:<secret>"},
        {"pair", "session_id=9f8e7d6c5b4a", "session_id=<secret>"},
        {"pair", "cookie: JSESSIONID=ABC123DEF456", "cookie: <secret>"},
        {"pair", "MYSQL_PWD=x1", "MYSQL_PWD=<secret>"},
        {"pair", "-Ddb.password=hunter2 given", "-Ddb.password=<secret> given"},
        {"pair", "passphrase := letmein", "passphrase := <secret>"},
        {"pair", "auth_token:abc", "auth_token:<secret>"},
        {"pair", "signature=abcdef", "signature=<secret>"},
        {"pair", "user=bob login=alice.smith", "user=<user> login=<user>"},
        {"flag", "--password hunter2 --verbose", "--password <secret> --verbose"},
        {"flag", "--token=abc --dry-run", "--token=<secret> --dry-run"},
        {"flag", "-secret xyz", "-secret <secret>"},
        {"flag", "--user bob", "--user <user>"},
        // PEM blocks
        {"pem", "key -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n-----END RSA PRIVATE KEY----- after",
            "key <secret> after"},
        {"pem", "-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjE", "<secret>"},
        {"pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", "<secret>"},
        {"pem", "-----BEGIN PGP PRIVATE KEY BLOCK----- x -----END PGP PRIVATE KEY BLOCK----- y", "<secret> y"},
        // JWTs
        {"jwt", "jwt eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0."
            + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c expired", "jwt <secret> expired"},
        {"jwt", "id_token eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0. (unsigned)", "id_token <secret>. (unsigned)"},
        // well-known token families
        {"aws", "AWS key AKIAIOSFODNN7EXAMPLE rejected", "AWS key <secret> rejected"},
        {"aws", "temp ASIAY34FZKBOKMUTVV7A", "temp <secret>"},
        {"aws", "secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "secret <secret>"},
        {"github", "token ghp_1234567890abcdefghijklmnopqrstuvwxyzAB invalid", "token <secret> invalid"},
        {"github", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTU",
            "<secret>"},
        {"github", "gho_16C7e42F292c6912E7710c838347Ae178B4a expired", "<secret> expired"},
        {"gitlab", "glpat-abcdefghij1234567890 revoked", "<secret> revoked"},
        {"gitlab", "runner GR1348941abcdefghij1234567890", "runner <secret>"},
        {"slack", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "<secret>"},
        {"slack", "xapp-1-A0123456789-1234567890123-abcdef0123456789", "<secret>"},
        {"stripe", "Stripe key sk_live_51H8abcdefGHIJKLmnop", "Stripe key <secret>"},
        {"stripe", "rk_test_4eC39HqLyjWDarjtT1zdp7dc", "<secret>"},
        {"google", "Google AIzaSyA1234567890abcdefghijklmnopqrstu", "Google <secret>"},
        {"openai", "sk-proj-abcdefghij1234567890KLMNOPQRST failed", "<secret> failed"},
        {"openai", "sk-abcdefghijklmnopqrstT3BlbkFJabcdefghijklmnopqrst", "<secret>"},
        {"anthropic", "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ", "<secret>"},
        {"npm", "npm_abcdefghijklmnopqrstuvwxyz0123456789 expired", "<secret> expired"},
        {"pypi", "pypi-AgEIcHlwaS5vcmcCJDQ5ZTI4YjU0LWE3MzYtNGQ3ZS05ZjY4LTkyNmZkMTY0ZDQ2MAACKlszLCI", "<secret>"},
        {"huggingface", "hf_abcdefghijklmnopqrstuvwxyzABCDEFGH", "<secret>"},
        {"sendgrid", "SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "<secret>"},
        {"vault", "hvs.CAESIJlU9JMYEhOPYv4igdhm9PnK", "<secret>"},
        {"digitalocean", "dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "<secret>"},
        {"shopify", "shpat_0123456789abcdef0123456789abcdef", "<secret>"},
        {"databricks", "dapi0123456789abcdef0123456789abcdef", "<secret>"},
        {"sentry", "sntrys_eyJpYXQiOjE2ODQ5MjQ4MDAuMDAwMDAwLCJ1cmwiOiJodHRwczovL3NlbnRyeS5pbyJ9", "<secret>"},
        // payment cards (Luhn), IBANs (mod 97), SSNs, phone numbers
        {"card", "card 4111 1111 1111 1111 declined", "card <secret> declined"},
        {"card", "card 4111-1111-1111-1111", "card <secret>"},
        {"card", "pan=5555555555554444", "pan=<secret>"},
        {"card", "amex 378282246310005 ok", "amex <secret> ok"},
        {"card", "order 12 6011111111111117 x", "order 12 <secret> x"},
        {"iban", "iban DE89 3704 0044 0532 0130 00 rejected", "iban <secret> rejected"},
        {"iban", "iban DE89370400440532013000", "iban <secret>"},
        {"iban", "to GB82WEST12345698765432.", "to <secret>."},
        {"ssn", "ssn 078-05-1120 on file", "ssn <secret> on file"},
        {"phone", "called +1 415 555 0100 twice", "called <secret> twice"},
        {"phone", "sms to +4930123456", "sms to <secret>"},
        // random-looking strings
        {"entropy", "sha 3f9a1c2e4b5d6f708192a3b4c5d6e7f809a1b2c3", "sha <secret>"},
        {"entropy", "uuid 123e4567-e89b-12d3-a456-426614174000", "uuid <secret>"},
        {"entropy", "nonce Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA== used", "nonce <secret> used"},
        {"entropy", "key a8F3kLm9Qz2Xw7Rt5Yp1Vb6Nc4", "key <secret>"},
        {"entropy", "discord MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs", "discord <secret>"},
        {"entropy", "telegram 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "telegram <secret>"},        // MySQL / MariaDB accounts
        {"sql-account", "Access denied for user 'alice'@'localhost' (using password: YES)",
            "Access denied for user '<user>'@'<host>' (using password: <secret>)"},
        {"sql-account", "GRANT ALL ON sales.* TO `etl`@`10.0.0.%`", "GRANT ALL ON sales.* TO `<user>`@`<ip>`"},
        {"sql-account", "user \"bob\"@\"db-7.acme.io\" denied", "user \"<user>\"@\"<host>\" denied"},
        {"sql-account", "'root'@'%' has no password", "'<user>'@'%' has no password"},
        {"sql-account", "definer 'app'@'192.168.1.20' missing", "definer '<user>'@'<ip>' missing"},
        // stack-frame text (dropped: no stack trace leaves; error_site says where)
        {"stack", "boom at com.acme.Foo.bar(Foo.java:42) at com.acme.Main.main(Main.java:7)", "boom"},
        {"stack", "java.lang.IllegalStateException: x\n\tat java.base/java.util.Objects.requireNonNull(Objects.java:233)"
            + "\n\tat app//com.acme.X.<init>(X.java:1)\n\t... 12 more", "java.lang.IllegalStateException: x"},
        {"stack", "failed: com.acme.Foo.bar(Foo.java:42) then", "failed: then"},
        {"stack", "at sun.nio.ch.Net.connect0(Native Method)", ""},
        {"stack", "x at com.acme.Foo.lambda$run$0(Unknown Source) y", "x y"},
        {"stack", "at sample.pipeline.Pipeline.load(Pipeline.java:42)", ""},
        {"stack", "Caused by: java.io.IOException: no at com.example.app.Service.run(Service.kt:17) ... 3 common frames omitted",
            "Caused by: java.io.IOException: no"},
        {"stack", "e ... 2 more Caused by: java.io.IOException: y", "e Caused by: java.io.IOException: y"},
        // key=value;... connection strings carrying a secret: whole
        {"connection-string", "DefaultEndpointsProtocol=https;AccountName=acmeprodstore;"
            + "AccountKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==;EndpointSuffix=core.windows.net failed", "<secret> failed"},
        {"connection-string", "Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
            + "SharedAccessKey=abc123def456=", "<secret>"},
        {"connection-string", "BlobEndpoint=https://acmeprod.blob.core.windows.net/;"
            + "SharedAccessSignature=sv=2022-11-02&ss=b&sig=abcDEF%2B123", "<secret>"},
        {"connection-string", "HostName=acme-hub.azure-devices.net;DeviceId=sensor-7;SharedAccessKey=c2VjcmV0a2V5",
            "<secret>"},
        {"connection-string", "Host=db-7;Port=5432;Username=etl;Pwd=hunter2;Database=sales", "<secret>"},
        {"connection-string", "connect failed: Data Source=prod-sql-01;Initial Catalog=Sales;Password=x; retry",
            "connect failed: <secret> retry"},
        {"connection-string", "cs \"AccountName=acme;AccountKey=abc==\" bad", "cs \"<secret>\" bad"},
        {"connection-string", "jdbc:sqlserver://sql.acme.io:1433;databaseName=sales;user=sa;password=P4ss failed",
            "<secret> failed"},
        // JDBC URLs with credentials
        {"jdbc", "jdbc:postgresql://db.acme.io:5432/sales?user=etl&password=Secret1 refused", "<url> refused"},
        {"jdbc", "jdbc:mysql://etl:Secret1@db.acme.io/sales", "<url>"},
        {"jdbc", "jdbc:h2:file:/home/bob/data/db locked", "<url> locked"},
        {"jdbc", "jdbc:oracle:thin:@//db.acme.io:1521/ORCL", "<url>"},
        // Azure, AWS, GCP
        {"azure", "client secret Xyz8Q~abcdefghijklmnopqrstuvwxyz0123456", "client secret <secret>"},
        {"aws", "arn:aws:iam::123456789012:user/alice denied", "<url> denied"},
        {"gcp", "ya29.a0AfH6SMBxabcdefghijklmnop expired", "<secret> expired"},
        {"gcp", "sa etl@acme-prod.iam.gserviceaccount.com lacks role", "sa <email> lacks role"},
        // Slack, GitHub
        {"slack", "token xoxp-1234567890-1234567890-1234567890-abcdef0123456789abcdef0123456789", "token <secret>"},
        {"slack", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", "<url>"},
        {"github", "ghs_16C7e42F292c6912E7710c838347Ae178B4a expired", "<secret> expired"},
        {"github", "https://x-access-token:ghs_abc@github.com/acme/repo", "<url>"},
        // Basic auth
        {"basic", "Basic YWxpY2U6c2VjcmV0", "Basic <secret>"},
        {"basic", "Authorization=Basic YWxpY2U6c2VjcmV0", "Authorization=Basic <secret>"},
        {"basic", "curl -u alice:Secret1 https://api.acme.io", "curl -u <secret> <url>"},
        // more PEM and key material
        {"pem", "-----BEGIN EC PRIVATE KEY----- MHcCAQEEIB -----END EC PRIVATE KEY-----", "<secret>"},
        {"pem", "{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\\n\"}",
            "{\"private_key\": \"<secret>\"}"},
        {"ssh", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7abc alice@laptop", "ssh-rsa <secret> <email>"},
        // IPv6 with a zone, Windows and UNC paths, ~user, file: URIs
        {"ipv6", "fe80::1ff:fe23:4567:890a%en0 down", "<ip> down"},
        {"ipv6", "http://[fe80::1%25eth0]:8080/x", "<url>"},
        {"windows", "\\\\?\\UNC\\server\\share\\x.txt", "<path>"},
        {"windows", "\\\\server.corp.local\\share", "<path>"},
        {"path", "~bob/notes", "<path>"},
        {"path", "HOME=/home/alice", "HOME=<path>"},
        {"file-uri", "file://server/share/x.txt", "<url>"},
        {"file-uri", "FILE:/C:/x", "<url>"},
        // others
        {"kerberos", "alice@CORP.EXAMPLE.COM ticket expired", "<email> ticket expired"},
        {"ipv4", "metadata at 169.254.169.254 unreachable", "metadata at <ip> unreachable"},
        {"proxy", "HTTPS_PROXY=http://user:pw@proxy:3128", "HTTPS_PROXY=<url>"},
        {"twilio", "twilio AC0123456789abcdef0123456789abcdef", "twilio <secret>"},
        {"mailgun", "key-0123456789abcdef0123456789abcdef mailgun", "<secret> mailgun"},
    };

    /** Texts that must come out unchanged. */
    static final String[] MUST_KEEP = {
        "load failed after 3 retries",
        "The quick brown fox jumps over the lazy dog",
        "java.io.IOException",
        "java.lang.IllegalStateException: disk quota exceeded",
        "Caused by: java.util.concurrent.ExecutionException: java.lang.RuntimeException",
        "NoClassDefFoundError: com/acme/etl/Loader$1",
        "class java/lang/String not found",
        "Ljava/util/List; expected",
        "method normalize(String, int) returned null",
        "Pipeline.extract",
        "Timeout after 30000 ms waiting for 1048576 bytes (attempt 3 of 5)",
        "Expected 42 but got -17.5e3; ratio 0.75",
        "offset 0x7f3a9c2e",
        "Unsupported class file major version 61 (Java 17.0.2)",
        "Duplicate key value violates unique constraint \"users_pkey\"",
        "Could not resolve dependency org.apache.kafka:kafka-clients:3.7.0",
        "group.id=etl-loader client.id=loader-1",
        "spring.datasource.url is required; check application.properties and config.yaml",
        "Connection refused (Connection refused) to localhost:8080",
        "localhost: down",
        "Retrying in 5s... error code E1234 / status=FAILED",
        "Elapsed: 00:01:23.456, rows=1,234,567, memory=512MiB",
        "Thread[pool-3-thread-12,5,main] interrupted",
        "ForkJoinPool-1-worker-3 stopped",
        "Build 1.0.0-SNAPSHOT of acme-cli on 2024-05-01T10:15:30Z failed",
        "File report.final.v2.csv has 3 columns, expected 4",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36",
        "HTTP/1.1 503 Service Unavailable",
        "I/O error and/or TCP/IP failure",
        "content type text/plain; charset=utf-8",
        "application/vnd.ms-excel not supported",
        "version 1.2.3.4 required",
        "jackson 2.21.0 and v2.21.0 and 17.0.15+6-LTS",
        "AbstractSingletonProxyFactoryBean failed",
        "HTTPConnectionManagerIOException thrown",
        "The table customer_orders_2024 failed validation: null in column email_address",
        "Object java.lang.Object@1b6d3586",
        "@Override missing",
        "Basic authentication failed",
        "Bearer token missing",
        "date 2024-01-15 at 10:15:30",
        "phone 4155550100 and 1+2=3 and +12 points",
        "order 1700000000000 created",
        "uuid 00000000-0000-0000-0000-000000000000 reserved",
        "score 99.5% of 1,000",
        "Foo::bar and std::vector",
        "main.rs and build.sh and app.py and notes.md",
        "user.name and user.id are unset",
        "null",
        "",
        "encoding UTF-8 vs ISO-8859-1",
        "exit code 137 (SIGKILL)",
        "pipeline_load took 2.234885 s",
        "method normalize(String, int) at Pipeline.extract(rows) failed",
        "see Foo.bar(x.y) and a.b(c.java) ... 3 more rows",
        "retries=3; timeout=5s; mode=fast",
        "e-mail 'x'@ is incomplete",
        "sort -u names.txt",
    };

    static Stream<Arguments> mustRedact() {
        List<Arguments> out = new ArrayList<>();
        for (String[] c : MUST_REDACT) {
            out.add(Arguments.of(c[0], c[1], c[2]));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("mustRedact")
    void redacts(String family, String input, String expected) {
        assertEquals(expected, REDACTOR.redact(input), family);
    }

    @ParameterizedTest
    @MethodSource("mustKeepArgs")
    void keeps(String input) {
        assertEquals(input, REDACTOR.redact(input));
    }

    static Stream<String> mustKeepArgs() {
        return Stream.of(MUST_KEEP);
    }

    @Test
    void corpusIsLargeAndCoversEveryFamily() {
        assertTrue(MUST_REDACT.length + MUST_KEEP.length >= 150, "corpus size " + (MUST_REDACT.length + MUST_KEEP.length));
        java.util.Set<String> families = new java.util.HashSet<>();
        for (String[] c : MUST_REDACT) {
            families.add(c[0]);
        }
        for (String f : new String[] {"path", "windows", "file-uri", "url", "connection", "host", "ipv4", "ipv6", "mac",
                "email", "identity", "auth", "pair", "flag", "pem", "jwt", "aws", "github", "gitlab", "slack",
                "stripe", "google", "openai", "anthropic", "npm", "pypi", "card", "iban", "ssn", "entropy",
                "sql-account", "stack", "connection-string", "jdbc", "azure", "gcp", "basic", "ssh"}) {
            assertTrue(families.contains(f), f);
        }
    }
}
