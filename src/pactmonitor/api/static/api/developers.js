// The API viewer of the developers' page: the vendored Swagger UI, reading the served document.
// No validator badge (it would call a server outside this site); only reading methods to try.
window.addEventListener("DOMContentLoaded", function () {
  var viewer = document.getElementById("pm-api-viewer");
  if (!viewer || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  // Swagger UI's list of servers sits in a label without text (no accessible name, WCAG 4.1.2):
  // name it by the "Servers" title shown above it, whenever the viewer (re)draws it.
  new MutationObserver(function () {
    var title = viewer.querySelector(".servers-title");
    var list = viewer.querySelector("#servers");
    if (title && list && !list.hasAttribute("aria-labelledby")) {
      title.id = "pm-servers-title";
      list.setAttribute("aria-labelledby", title.id);
    }
  }).observe(viewer, { childList: true, subtree: true });
  window.SwaggerUIBundle({
    url: viewer.dataset.openapi,
    domNode: viewer,
    validatorUrl: null,
    deepLinking: false,
    supportedSubmitMethods: ["get", "head"],
    defaultModelsExpandDepth: 0,
  });
});
