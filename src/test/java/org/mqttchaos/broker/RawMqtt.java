package org.mqttchaos.broker;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A test client that speaks MQTT as bytes over a plain socket, so the broker is checked against
 * the specification rather than against our own codec. Every read is bounded by a socket timeout.
 */
final class RawMqtt implements AutoCloseable {

  private static final int TIMEOUT_MS = 10_000;

  private final Socket socket;

  RawMqtt(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
    socket.setSoTimeout(TIMEOUT_MS);
  }

  /** Over a socket already connected, e.g. a TLS one. */
  RawMqtt(Socket connected) throws IOException {
    socket = connected;
    socket.setSoTimeout(TIMEOUT_MS);
  }

  /** MQTT 3.1.1 CONNECT, keep-alive 60 s, no will, no credentials. */
  static byte[] connect311(String clientId, boolean cleanSession) {
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
    packet.write(0x10);                    // fixed header: CONNECT (type 1), flags 0
    packet.write(10 + 2 + id.length);      // remaining length (< 128, so one byte)
    packet.writeBytes(new byte[] {0x00, 0x04, 'M', 'Q', 'T', 'T'}); // protocol name
    packet.write(0x04);                    // protocol level 4 = MQTT 3.1.1
    packet.write(cleanSession ? 0x02 : 0x00); // connect flags: bit 1 = clean session
    packet.writeBytes(new byte[] {0x00, 0x3C}); // keep-alive: 60 s
    packet.writeBytes(new byte[] {0x00, (byte) id.length}); // payload: client ID length
    packet.writeBytes(id);                 // client ID
    return packet.toByteArray();
  }

  /** MQTT 5 CONNECT, clean start, keep-alive 60 s, no properties. */
  static byte[] connect5(String clientId) {
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
    packet.write(0x10);                    // fixed header: CONNECT (type 1), flags 0
    packet.write(11 + 2 + id.length);      // remaining length (< 128, so one byte)
    packet.writeBytes(new byte[] {0x00, 0x04, 'M', 'Q', 'T', 'T'}); // protocol name
    packet.write(0x05);                    // protocol level 5 = MQTT 5
    packet.write(0x02);                    // connect flags: bit 1 = clean start
    packet.writeBytes(new byte[] {0x00, 0x3C}); // keep-alive: 60 s
    packet.write(0x00);                    // properties length: 0 (variable byte integer)
    packet.writeBytes(new byte[] {0x00, (byte) id.length}); // payload: client ID length
    packet.writeBytes(id);                 // client ID
    return packet.toByteArray();
  }

  /** DISCONNECT, MQTT 3.1.1: type 14, remaining length 0. */
  static final byte[] DISCONNECT_311 = {(byte) 0xE0, 0x00};

  void send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /** Reads one whole packet: its first byte, then the body its remaining length announces. */
  Packet readPacket() throws IOException {
    InputStream in = socket.getInputStream();
    int first = readByte(in);
    int length = 0;
    for (int shift = 0; ; shift += 7) { // variable byte integer, at most 4 bytes
      int digit = readByte(in);
      length |= (digit & 0x7F) << shift;
      if ((digit & 0x80) == 0 || shift == 21) {
        break;
      }
    }
    return new Packet(first, in.readNBytes(length));
  }

  /**
   * Waits (bounded by the socket timeout) for the broker to close this connection: true on
   * end of stream or reset, false if it stayed open.
   */
  boolean awaitClosedByBroker() throws IOException {
    try {
      while (socket.getInputStream().read() != -1) {
        // Whatever arrives before the close (an MQTT 5 DISCONNECT) is skipped.
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }

  private static int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("broker closed the connection");
    }
    return b;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** One MQTT control packet: first byte (type and flags) and the bytes after the length. */
  record Packet(int first, byte[] body) {
    int type() {
      return first >> 4;
    }
  }
}
