//go:build !unix

package main

func ownerOnly() {}
