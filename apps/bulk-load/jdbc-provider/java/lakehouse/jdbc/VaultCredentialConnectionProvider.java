package lakehouse.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.spark.sql.execution.datasources.jdbc.JDBCOptions;
import org.apache.spark.sql.jdbc.JdbcConnectionProvider;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.collection.immutable.Map;

/**
 * Spark JDBC connection provider that supplies the password of a JDBC view from a Vault secret, so that no
 * password is ever a Data Flow parameter or a JDBC option of the script.
 *
 * <p>A view opts in with {@code connectionProvider 'lakehouse-vault'} and names the secret with the option
 * {@code lakehouseCredential '<Vault secret OCID>'}. The provider resolves the secret ({@link Credentials}) and
 * connects with the driver using every other connection property of the view (user, the URL's own settings).
 * The names here are those of JDBC_CREDENTIAL_PROVIDER in libs/contracts/src/dataflow-application.ts.
 */
public final class VaultCredentialConnectionProvider extends JdbcConnectionProvider {
  /** Value of Spark's {@code connectionProvider} JDBC option that selects this provider. */
  static final String NAME = "lakehouse-vault";
  /** JDBC option holding the Vault secret OCID; consumed here, never passed to the driver. */
  static final String CREDENTIAL_OPTION = "lakehouseCredential";

  @Override
  public String name() {
    return NAME;
  }

  /** Only views that carry the credential option: the others stay with Spark's basic provider. */
  @Override
  public boolean canHandle(Driver driver, Map<String, String> options) {
    return credentialOf(options) != null;
  }

  @Override
  public Connection getConnection(Driver driver, Map<String, String> options) {
    String credential = credentialOf(options);
    JDBCOptions jdbc = new JDBCOptions(options);
    Properties properties = jdbc.asConnectionProperties();
    for (String key : properties.stringPropertyNames()) {
      if (key.equalsIgnoreCase(CREDENTIAL_OPTION)) properties.remove(key);
    }
    try {
      properties.setProperty("password", Credentials.resolve(credential));
      Connection connection = driver.connect(jdbc.url(), properties);
      if (connection == null) {
        throw new SQLException(
            "the JDBC driver " + driver.getClass().getName() + " does not take the URL of this view");
      }
      return connection;
    } catch (SQLException e) {
      // Spark's own provider lets the driver's SQLException through; the Scala signature declares none.
      throw Credentials.<RuntimeException>rethrow(e);
    }
  }

  /** The provider only reads a secret and changes no JVM-wide security state (no Kerberos login). */
  @Override
  public boolean modifiesSecurityContext(Driver driver, Map<String, String> options) {
    return false;
  }

  /** The credential option of a view (JDBC option names are case-insensitive), or null. */
  static String credentialOf(Map<String, String> options) {
    Iterator<Tuple2<String, String>> entries = options.iterator();
    while (entries.hasNext()) {
      Tuple2<String, String> entry = entries.next();
      if (entry._1().equalsIgnoreCase(CREDENTIAL_OPTION)) return entry._2();
    }
    return null;
  }
}
