package web

import "github.com/labstack/echo/v4"

// editorRoutes serves the knowledge-base editor at /editor and the
// article API.
func (s *Server) editorRoutes(e *echo.Echo) {}
