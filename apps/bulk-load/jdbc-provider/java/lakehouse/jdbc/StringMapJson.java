package lakehouse.jdbc;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a JSON object whose values are all strings (the Vault stand-in file). Own code rather than Jackson: the
 * Jackson jars on a Spark classpath need not agree with each other (local Spark's Maven closure pairs
 * jackson-databind 2.15 with jackson-core 2.14), and this is all the provider needs.
 */
final class StringMapJson {
  private final String text;
  private int at;

  private StringMapJson(String text) {
    this.text = text;
  }

  static Map<String, String> parse(String text) throws IOException {
    StringMapJson json = new StringMapJson(text);
    Map<String, String> values = json.object();
    json.space();
    if (json.at != text.length()) throw json.error("text after the object");
    return values;
  }

  private Map<String, String> object() throws IOException {
    Map<String, String> values = new HashMap<>();
    expect('{');
    space();
    if (peek() == '}') {
      at++;
      return values;
    }
    while (true) {
      space();
      String key = string();
      space();
      expect(':');
      space();
      values.put(key, string());
      space();
      char next = next();
      if (next == '}') return values;
      if (next != ',') throw error("expected , or }");
    }
  }

  private String string() throws IOException {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') return out.toString();
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (at + 4 > text.length()) throw error("short \\u escape");
          try {
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("bad \\u escape");
          }
          at += 4;
        }
        default -> throw error("bad escape");
      }
    }
  }

  private void space() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
  }

  private char peek() throws IOException {
    if (at >= text.length()) throw error("unexpected end");
    return text.charAt(at);
  }

  private char next() throws IOException {
    char c = peek();
    at++;
    return c;
  }

  private void expect(char c) throws IOException {
    if (next() != c) throw error("expected " + c);
  }

  /** Names the position only: the text holds secrets. */
  private IOException error(String what) {
    return new IOException("not a JSON object of strings: " + what + " at character " + at);
  }
}
