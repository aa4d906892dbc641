package lakehouse.jdbc;

/**
 * {@code java -cp <provider jar>:<spark jars> lakehouse.jdbc.CredentialCheck <secret OCID>}: resolves one credential
 * the way a JDBC view would (stand-in file from {@code -Dspark.lakehouse.vault.standInFile=...}, else OCI Vault with
 * the resource principal) and prints only its length, or the reason it failed (exit 1).
 */
public final class CredentialCheck {
  private CredentialCheck() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: CredentialCheck <Vault secret OCID>");
      System.exit(2);
    }
    try {
      String value = Credentials.resolve(args[0]);
      String source = Credentials.standInFile() == null ? "OCI Vault" : "the Vault stand-in file";
      System.out.println("resolved " + args[0] + " from " + source + ": " + value.length() + " characters");
    } catch (Exception e) {
      System.err.println(Credentials.describe(e));
      System.exit(1);
    }
  }
}
