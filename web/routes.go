package web

import (
	"github.com/labstack/echo/v4/middleware"
)

// maxBody bounds request bodies; a 4,000-character message in JSON fits
// many times over.
const maxBody = "64K"

// routes lists every route.
func (s *Server) routes() {
	e := s.echo
	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: 0}))
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true, LogErrorFunc: s.logPanic}))
	e.Use(s.securityHeaders)
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: maxBody, Skipper: SkipBodyLimit}))
	e.Use(s.accessLog)
	e.Use(s.auditTrail)

	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)

	api := e.Group("/api/v1", s.cors(), s.limitIP())
	api.POST("/conversations", s.createConversation, s.chatKey)
	conv := api.Group("/conversations/:id", s.conversationAuth)
	conv.GET("", s.getConversation)
	conv.POST("/messages", s.postMessage, s.limitConversation())
	conv.POST("/feedback", s.postFeedback)
	conv.POST("/handoff", s.requestHandoff)
	conv.POST("/close", s.closeConversation)
	conv.GET("/export", s.exportConversation)
	conv.DELETE("", s.deleteConversation)

	s.pageRoutes(e)
	s.agentRoutes(e)
	s.editorRoutes(e)
	s.analyticsRoutes(e)
	s.integratorRoutes(e)
}
