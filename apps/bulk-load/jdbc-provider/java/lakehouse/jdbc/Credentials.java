package lakehouse.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.regex.Pattern;
import org.apache.spark.SparkEnv;
import scala.Option;

/**
 * Resolves a Vault secret OCID to its value, once per JVM (the driver and each executor open several JDBC
 * connections; the secret is read on the first). Two sources:
 *
 * <ul>
 *   <li>the Vault stand-in file named by the Spark conf {@code spark.lakehouse.vault.standInFile}: a JSON object of
 *       secret OCID to value (local runs and the rehearsal of a deploy);
 *   <li>otherwise OCI Vault, read with the resource principal of the Data Flow run ({@link OciVault}).
 * </ul>
 *
 * Values are never logged or put into an error message.
 */
final class Credentials {
  /** Spark conf naming the stand-in file (JDBC_CREDENTIAL_PROVIDER.standInFileConf of the contract). */
  static final String STAND_IN_FILE_CONF = "spark.lakehouse.vault.standInFile";

  /** REDACTION_BREAK of the contract. */
  static final String REDACTION_BREAK = "~";

  private static final Pattern SECRET_OCID = Pattern.compile("^ocid1\\.vaultsecret\\.[A-Za-z0-9._-]+$");
  private static final HashMap<String, String> CACHE = new HashMap<>();

  private Credentials() {}

  /**
   * The value of the secret named by a credential option; throws SQLException naming the OCID and the source on
   * any failure. The option holds the OCID in redaction-safe form: {@code ~} inside every word Spark's redaction
   * regexes match (every secret OCID contains {@code vaultsecret}), so that variable substitution keeps it.
   */
  static synchronized String resolve(String option) throws SQLException {
    if (option != null && option.contains("(redacted)")) {
      throw new SQLException(
          "Spark redacted the value of the JDBC option "
              + VaultCredentialConnectionProvider.CREDENTIAL_OPTION
              + " before substituting it: give the Vault secret OCID in redaction-safe form"
              + " (redactionSafe of libs/contracts puts a ~ inside every word Spark redacts)");
    }
    String secretOcid = option == null ? null : option.replace(REDACTION_BREAK, "");
    String cached = CACHE.get(secretOcid);
    if (cached != null) return cached;
    if (secretOcid == null || !SECRET_OCID.matcher(secretOcid).matches()) {
      throw new SQLException(
          "the JDBC option "
              + VaultCredentialConnectionProvider.CREDENTIAL_OPTION
              + " must be a Vault secret OCID (ocid1.vaultsecret...)");
    }
    String standIn = standInFile();
    String value;
    try {
      value = standIn == null ? OciVault.read(secretOcid) : fromStandIn(Path.of(standIn), secretOcid);
    } catch (SQLException e) {
      throw e;
    } catch (Exception e) {
      String source =
          standIn == null
              ? "OCI Vault with the resource principal of the run"
              : "the Vault stand-in file " + standIn;
      throw new SQLException(
          "cannot read the JDBC credential " + secretOcid + " from " + source + ": " + describe(e), e);
    }
    if (value.isEmpty()) throw new SQLException("the Vault secret " + secretOcid + " is empty");
    CACHE.put(secretOcid, value);
    return value;
  }

  /** The stand-in file of this JVM's Spark conf, or null (Data Flow). */
  static String standInFile() {
    SparkEnv env = SparkEnv.get();
    if (env != null) {
      Option<String> value = env.conf().getOption(STAND_IN_FILE_CONF);
      if (value.isDefined() && !value.get().isEmpty()) return value.get();
    }
    String property = System.getProperty(STAND_IN_FILE_CONF);
    return property == null || property.isEmpty() ? null : property;
  }

  static String fromStandIn(Path file, String secretOcid) throws IOException, SQLException {
    String value = StringMapJson.parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).get(secretOcid);
    if (value == null) {
      throw new SQLException("the Vault stand-in file " + file + " holds no secret " + secretOcid);
    }
    return value;
  }

  /** The messages of an exception and its causes (what the OCI SDK says is in the innermost one). */
  static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (text.length() > 0) text.append(" <- ");
      text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
      if (t.getCause() == t) break;
    }
    return text.toString();
  }

  /** Throws a checked exception through a signature that declares none (Scala's abstract methods). */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> E rethrow(Throwable e) throws E {
    throw (E) e;
  }
}
