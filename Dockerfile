# Launcher image: `./danube-connect run` in a container, with every connector, Camel component and route file that
# the routes module brings (its runtime class path is the launcher's).
#
#   docker build -t danube-connect:0.1.0 .
#   docker run --rm -e DANUBE_SERVICE_URL=http://danube:6650 -p 9090:9090 \
#     -v "$PWD/mqtt-source.toml:/etc/danube-connect/connector.toml:ro" danube-connect:0.1.0 /etc/danube-connect/connector.toml
#   docker run --rm -e DANUBE_SERVICE_URL=http://danube:6650 danube-connect:0.1.0 routes/timer-to-danube.yaml
#
# The argument is the config or routes file (or set CONNECTOR_CONFIG_PATH). Environment: DANUBE_SERVICE_URL,
# CONNECTOR_NAME, LOG_LEVEL, LOG_FORMAT (json by default here), connector secrets (MQTT_PASSWORD, JDBC_PASSWORD, ...),
# JAVA_TOOL_OPTIONS for JVM flags. SIGTERM stops gracefully (exit 0).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# One reactor build: the routes module's runtime dependencies, siblings included, land in routes/target/lib.
RUN mvn -B -ntp -DskipTests -pl routes -am package dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory=target/lib

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /opt/danube-connect danube
WORKDIR /opt/danube-connect
COPY --from=build /src/routes/target/lib/ lib/
COPY --from=build /src/routes/*.properties /src/routes/*.yaml routes/
ENV LOG_FORMAT=json
USER 10001
# /metrics and /health of a connector (processing.metrics_port); routes serve camel.server.port (8080) if they use HTTP.
EXPOSE 9090
ENTRYPOINT ["java", "-cp", "/opt/danube-connect/lib/*", "io.danube.connect.launcher.ConnectLauncher", "run"]
