package org.springframework.boot.docker.compose.core;

import java.io.File;
import java.util.List;

/**
 * Test support in Spring Boot's package: the {@link RunningService} Boot's Docker Compose support makes of a
 * service, built by Boot's own classes from the real {@code docker inspect} output of a container that a
 * Compose CLI started. It stands in for the {@code docker compose ps --format=json} step only, which needs
 * Compose v2 (Debian 12 packages 1.29.2).
 */
public final class InspectedRunningService {

	private InspectedRunningService() {
	}

	/**
	 * @param containerName the container's name
	 * @param image the image as the Compose file names it
	 * @param inspectJson what {@code docker inspect <container>} printed
	 * @param composeFile the Compose file that started it
	 * @return the service as Boot sees it
	 */
	public static RunningService of(String containerName, String image, String inspectJson, File composeFile) {
		List<DockerCliInspectResponse> inspected = DockerJson.deserializeToList(inspectJson,
				DockerCliInspectResponse.class);
		DockerCliInspectResponse response = inspected.get(0);
		DockerCliComposePsResponse ps = new DockerCliComposePsResponse(response.id(), containerName, image, "running");
		return new DefaultRunningService(DockerHost.get(null, List::of), DockerComposeFile.of(composeFile), ps,
				response);
	}

}
