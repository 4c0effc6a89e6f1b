variable "certificate_arn" {
  description = "ACM certificate in us-east-1 for the site's aliases"
  type        = string
}
