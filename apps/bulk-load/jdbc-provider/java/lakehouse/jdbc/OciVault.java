package lakehouse.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a Vault secret with the OCI Java SDK and the resource principal of the Data Flow run.
 *
 * <p>The SDK is not compiled against: the archive's provider jar carries the SDK and its closure as nested jars
 * under {@code oci-sdk/} (listed in {@code oci-sdk/index.txt}), which are unpacked once per JVM and loaded by a class
 * loader of their own whose parent is the platform class loader. That closure must not meet Spark's classpath:
 * it brings Jackson 2.19 (Spark 3.5's Jackson Scala module refuses anything but 2.15) and HK2 3 (the same packages
 * as Spark's HK2 2.6). Only {@code java.*} types cross between the two, through reflection.
 */
final class OciVault {
  static final String SDK_FOLDER = "oci-sdk/";
  static final String SDK_INDEX = "oci-sdk/index.txt";

  private static final Pattern JAR_NAME = Pattern.compile("^[A-Za-z0-9._-]+\\.jar$");
  private static ClassLoader sdk;

  private OciVault() {}

  /** The current version of the secret, decoded from the base64 bundle Vault returns. */
  static String read(String secretOcid) throws Exception {
    ClassLoader loader = sdkLoader();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // The SDK finds its HTTP client (Jersey 3) through ServiceLoader and the context class loader.
    thread.setContextClassLoader(loader);
    try {
      Object auth =
          call(staticCall(loader, "com.oracle.bmc.auth.ResourcePrincipalAuthenticationDetailsProvider", "builder"),
              "build");
      Object client = call(staticCall(loader, "com.oracle.bmc.secrets.SecretsClient", "builder"), "build", auth);
      try {
        Object request = staticCall(loader, "com.oracle.bmc.secrets.requests.GetSecretBundleRequest", "builder");
        call(request, "secretId", secretOcid);
        call(request, "stage", stage(loader, "Current"));
        Object response = call(client, "getSecretBundle", call(request, "build"));
        Object content = call(call(response, "getSecretBundle"), "getSecretBundleContent");
        Object base64 = call(content, "getContent");
        if (!(base64 instanceof String)) {
          throw new IOException("the secret bundle has no base64 content");
        }
        return new String(Base64.getDecoder().decode((String) base64), StandardCharsets.UTF_8);
      } finally {
        ((AutoCloseable) client).close();
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** The isolated class loader of the nested SDK jars, unpacked into a temporary folder on first use. */
  static synchronized ClassLoader sdkLoader() throws IOException {
    if (sdk != null) return sdk;
    ClassLoader own = OciVault.class.getClassLoader();
    List<String> names = new ArrayList<>();
    try (InputStream index = own.getResourceAsStream(SDK_INDEX)) {
      if (index == null) {
        throw new IOException(
            "this provider jar carries no OCI SDK ("
                + SDK_INDEX
                + "): it is the local build; a Data Flow run needs the provider jar of archive.zip"
                + " (bulk-load dataflow package)");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String name = line.trim();
        if (name.isEmpty()) continue;
        if (!JAR_NAME.matcher(name).matches()) throw new IOException("bad entry in " + SDK_INDEX + ": " + name);
        names.add(name);
      }
    }
    Path dir = Files.createTempDirectory("lakehouse-oci-sdk-");
    List<URL> urls = new ArrayList<>();
    for (String name : names) {
      Path jar = dir.resolve(name);
      try (InputStream in = own.getResourceAsStream(SDK_FOLDER + name)) {
        if (in == null) throw new IOException(SDK_INDEX + " lists " + name + ", which the jar does not hold");
        Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
      }
      jar.toFile().deleteOnExit();
      urls.add(jar.toUri().toURL());
    }
    dir.toFile().deleteOnExit();
    sdk = new URLClassLoader("lakehouse-oci-sdk", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    return sdk;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object stage(ClassLoader loader, String name) throws ClassNotFoundException {
    Class<?> type =
        Class.forName("com.oracle.bmc.secrets.requests.GetSecretBundleRequest$Stage", true, loader);
    return Enum.valueOf((Class) type, name);
  }

  private static Object staticCall(ClassLoader loader, String className, String method) throws Exception {
    Class<?> type = Class.forName(className, true, loader);
    return invoke(type.getMethod(method), null);
  }

  /** Calls the public method of that name and arity whose parameters take the arguments. */
  private static Object call(Object target, String name, Object... args) throws Exception {
    for (Method method : target.getClass().getMethods()) {
      if (!method.getName().equals(name) || method.getParameterCount() != args.length) continue;
      Class<?>[] types = method.getParameterTypes();
      boolean fits = true;
      for (int i = 0; i < args.length; i++) {
        if (args[i] != null && !types[i].isInstance(args[i])) fits = false;
      }
      if (fits) return invoke(method, target, args);
    }
    throw new NoSuchMethodException(target.getClass().getName() + "." + name);
  }

  private static Object invoke(Method method, Object target, Object... args) throws Exception {
    // Builders of the SDK are public nested classes of public classes, but their methods may be declared on
    // package-private supertypes.
    method.setAccessible(true);
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception) throw (Exception) cause;
      throw e;
    }
  }
}
