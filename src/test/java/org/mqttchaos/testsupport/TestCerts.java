package org.mqttchaos.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.mqttchaos.client.tls.CertMaker;
import org.mqttchaos.client.tls.CertMaker.Identity;
import org.mqttchaos.client.tls.Pem;

/** Certificates made for a test and written as PEM files into a folder: a CA, server and client certificates. */
public final class TestCerts {
  private static final Duration DAY = Duration.ofDays(1);
  private final Path dir;
  private final Identity ca;

  /** Files readable by all: mosquitto, started as root, reads them after dropping to its own user. */
  public TestCerts(Path dir, String caName) {
    this.dir = dir;
    readableByAll(dir, "rwxr-xr-x");
    this.ca = CertMaker.ca(caName, DAY);
    write(caName + "-ca.crt", Pem.write(ca.certificate()));
    write(caName + "-ca.key", Pem.write(ca.key()));
  }

  public Identity ca() {
    return ca;
  }

  public Path caFile() {
    return dir.resolve(caName() + "-ca.crt");
  }

  public Path caKeyFile() {
    return dir.resolve(caName() + "-ca.key");
  }

  /** A server certificate for {@code names}; returns {crt, key}. */
  public Path[] server(String file, String... names) {
    return pair(file, CertMaker.server(ca, DAY, names));
  }

  /** A server certificate that expired an hour ago. */
  public Path[] expiredServer(String file, String... names) {
    Instant now = Instant.now();
    return pair(file, CertMaker.server(ca, now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(1)), names));
  }

  /** A client certificate whose CN and SAN are {@code clientId}. */
  public Path[] client(String file, String clientId) {
    return pair(file, CertMaker.client(ca, clientId, DAY));
  }

  public Path write(String file, String text) {
    try {
      return readableByAll(Files.writeString(dir.resolve(file), text), "rw-r--r--");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path readableByAll(Path path, String permissions) {
    try {
      return Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path[] pair(String file, Identity id) {
    return new Path[] {write(file + ".crt", Pem.write(id.chain().toArray())), write(file + ".key", Pem.write(id.key()))};
  }

  private String caName() {
    return ca.certificate().getSubjectX500Principal().getName().replace("CN=", "");
  }
}
