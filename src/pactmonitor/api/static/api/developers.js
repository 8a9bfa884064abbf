// The API viewer of the developers' page: the vendored Swagger UI, reading the served document.
// No validator badge (it would call a server outside this site); only reading methods to try.
window.addEventListener("DOMContentLoaded", function () {
  var viewer = document.getElementById("pm-api-viewer");
  if (!viewer || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: viewer.dataset.openapi,
    domNode: viewer,
    validatorUrl: null,
    deepLinking: false,
    supportedSubmitMethods: ["get", "head"],
    defaultModelsExpandDepth: 0,
  });
});
