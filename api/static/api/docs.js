// Starts Swagger UI on the API documentation page. A file of its own, not an inline script,
// so the page keeps the site's Content Security Policy (script-src 'self').
"use strict";
(function () {
  var root = document.getElementById("swagger-ui");
  if (!root || typeof SwaggerUIBundle === "undefined") {
    return;
  }
  SwaggerUIBundle({
    url: root.getAttribute("data-schema-url"),
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    tryItOutEnabled: false,
    supportedSubmitMethods: ["get"],
  });
})();
