import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Runs DynamoDB Local (same arguments as DynamoDBLocal.jar) listening on 127.0.0.1 only: the jar has no host
 * option and Jetty binds every interface by default. It also exits when its standard input closes, which
 * happens when the ChRM process that started it dies in any way (SIGKILL included), so no Java is orphaned.
 * Run from source by the JRE (`java -cp DynamoDBLocal.jar LoopbackDynamoDbLocal.java …`): nothing to build.
 */
public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) {
      ((ServerConnector) connector).setHost("127.0.0.1");
    }
    Thread parentWatch = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // The parent never writes; reading only waits for the pipe to close.
        }
      } catch (Exception ignored) {
        // A broken pipe means the same: the parent is gone.
      }
      System.exit(0);
    }, "parent-watch");
    parentWatch.setDaemon(true);
    parentWatch.start();
    proxy.start();
    System.out.println("DynamoDB Local listening on 127.0.0.1");
  }
}
