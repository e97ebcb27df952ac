package org.mqttchaos.cli;

import java.io.IOException;
import java.io.OutputStream;

/** Test fixture: writes to both streams, so the console still shows a run while the test reads what it printed. */
final class Tee extends OutputStream {
  private final OutputStream a;
  private final OutputStream b;

  Tee(OutputStream a, OutputStream b) {
    this.a = a;
    this.b = b;
  }

  @Override
  public void write(int c) throws IOException {
    a.write(c);
    b.write(c);
  }

  @Override
  public void write(byte[] bytes, int off, int len) throws IOException {
    a.write(bytes, off, len);
    b.write(bytes, off, len);
  }

  @Override
  public void flush() throws IOException {
    a.flush();
    b.flush();
  }
}
